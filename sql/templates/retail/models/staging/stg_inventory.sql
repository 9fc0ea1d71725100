select
    inventory_id,
    store_id,
    product_id,
    initial_stock,
    units_sold,
    stock_quantity,
    reorder_point,
    last_restock_date
from {{ source('raw', 'inventory') }}
