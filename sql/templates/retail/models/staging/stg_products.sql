select
    product_id,
    product_name,
    category,
    sub_category,
    price,
    cost,
    price - cost as unit_margin
from {{ source('raw', 'products') }}
