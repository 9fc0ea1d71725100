{{ config(alias='products') }}
-- staging.products: the catalogue extract as delivered, stamped with its load time.
select
    product_id,
    product_name,
    category,
    brand,
    supplier_id,
    cost,
    price,
    created_at,
    updated_at,
    now()::timestamp as loaded_at
from {{ source('raw', 'products') }}
