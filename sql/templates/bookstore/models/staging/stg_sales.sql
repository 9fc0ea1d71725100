-- One row per transaction: duplicates removed (the generator appends exact copies), a missing
-- total recomputed from quantity, unit price and discount, the channel renamed.
with source as (
    select * from {{ source('raw', 'sales') }}
),

ranked as (
    select
        *,
        row_number() over (partition by transaction_id order by created_at) as copy_number
    from source
    where transaction_id is not null
)

select
    transaction_id,
    trim(book_id) as book_id,
    cast(sale_date as date) as sale_date,
    cast(quantity as integer) as quantity,
    cast(unit_price as decimal(10, 2)) as unit_price,
    cast(coalesce(discount_percent, 0) as decimal(5, 2)) as discount_percent,
    cast(coalesce(total_amount, round(quantity * unit_price * (1 - coalesce(discount_percent, 0) / 100), 2)) as decimal(12, 2)) as total_amount,
    total_amount is null as is_total_imputed,
    channel as sales_channel,
    customer_type,
    region,
    cast(created_at as timestamp) as created_at
from ranked
where copy_number = 1
