select
    return_id,
    order_id,
    transaction_id,
    product_id,
    order_date,
    return_date,
    quantity_returned,
    refund_amount,
    reason
from {{ source('raw', 'returns') }}
