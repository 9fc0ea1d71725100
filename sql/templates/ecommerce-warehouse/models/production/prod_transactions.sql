{{ config(alias='transactions') }}
-- production.transactions: valid order headers with totals recalculated from their cleansed lines.
with line_totals as (
    select
        transaction_id,
        count(*) as item_count,
        sum(quantity) as units,
        sum(line_total) as total_amount
    from {{ ref('prod_transaction_items') }}
    group by transaction_id
)

select
    row_number() over (order by t.transaction_id) as transaction_key,
    t.transaction_id,
    t.customer_id,
    t.transaction_date,
    t.payment_method,
    t.payment_method_raw is distinct from t.payment_method as is_payment_method_corrected,
    t.channel,
    t.status,
    coalesce(l.item_count, 0) as item_count,
    coalesce(l.units, 0) as units,
    cast(coalesce(l.total_amount, 0) as decimal(18, 2)) as total_amount,
    true as is_active,
    cast(t.transaction_date as timestamp) as created_at,
    t.loaded_at as updated_at
from {{ ref('int_valid_transactions') }} as t
left join line_totals as l on l.transaction_id = t.transaction_id
