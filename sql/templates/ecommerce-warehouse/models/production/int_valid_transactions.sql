{{ config(materialized='ephemeral') }}
-- Order headers that pass the header rules: one row per transaction id, dated inside the extract's
-- window, for a customer production knows. Lines are kept only for these; totals come back later
-- from the cleansed lines (prod_transactions), hence this step in between.
with ranked as (
    select
        *,
        row_number() over (partition by transaction_id order by loaded_at desc) as copy_number
    from {{ ref('stg_transactions') }}
    where transaction_id is not null
)

select
    transaction_id,
    customer_id,
    transaction_date,
    {{ normalize_payment_method('payment_method') }} as payment_method,
    payment_method as payment_method_raw,
    coalesce(channel, 'unknown') as channel,
    coalesce(status, 'unknown') as status,
    loaded_at
from ranked
where copy_number = 1
  -- Validate dates.
  and transaction_date between date '{{ var("valid_from_date") }}' and date '{{ var("valid_to_date") }}'
  -- Foreign key to customers enforced.
  and customer_id in (select customer_id from {{ ref('prod_customers') }})
