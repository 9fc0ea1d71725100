{{ config(alias='transactions') }}
-- staging.transactions: order headers as delivered, stamped with their load time.
select
    transaction_id,
    customer_id,
    transaction_date,
    payment_method,
    channel,
    status,
    item_count,
    total_amount,
    now()::timestamp as loaded_at
from {{ source('raw', 'transactions') }}
