select
    transaction_id,
    order_id,
    line_number,
    order_date,
    store_id,
    product_id,
    promo_id,
    quantity,
    unit_price,
    discount_percent,
    line_total
from {{ source('raw', 'transactions') }}
