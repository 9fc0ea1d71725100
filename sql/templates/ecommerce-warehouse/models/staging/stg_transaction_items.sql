{{ config(alias='transaction_items') }}
-- staging.transaction_items: order lines as delivered, stamped with their load time.
select
    item_id,
    transaction_id,
    line_number,
    product_id,
    quantity,
    unit_price,
    discount_percent,
    line_total,
    now()::timestamp as loaded_at
from {{ source('raw', 'transaction_items') }}
