-- One row per inventory record, with the reorder flag and days since the last restock as of
-- the `as_of_date` var (the data is a fixed year, so "today" would drift away from it).
with source as (
    select * from {{ source('raw', 'inventory') }}
)

select
    trim(inventory_id) as inventory_id,
    trim(book_id) as book_id,
    warehouse_location,
    coalesce(cast(stock_quantity as integer), 0) as stock_quantity,
    coalesce(cast(reorder_point as integer), 0) as reorder_point,
    coalesce(stock_quantity, 0) <= coalesce(reorder_point, 0) as needs_reorder,
    cast(last_restock_date as date) as last_restock_date,
    date_diff('day', cast(last_restock_date as date), date '{{ var("as_of_date") }}') as days_since_restock,
    cast(storage_cost_per_unit as decimal(10, 2)) as storage_cost_per_unit,
    cast(shelf_life_days as integer) as shelf_life_days,
    cast(created_at as timestamp) as created_at
from source
where inventory_id is not null
