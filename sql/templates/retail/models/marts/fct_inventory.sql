-- The document's update_inventory step, recomputed: opening stock minus the units sold at the
-- store, floored at zero, with a reorder flag and the days of cover at the year's sales rate.
with sold as (
    select store_id, product_id, sum(quantity) as units_sold
    from {{ ref('stg_transactions') }}
    group by store_id, product_id
)

select
    i.inventory_id,
    i.store_id,
    i.product_id,
    i.initial_stock,
    coalesce(s.units_sold, 0) as units_sold,
    greatest(i.initial_stock - coalesce(s.units_sold, 0), 0) as stock_quantity,
    greatest(coalesce(s.units_sold, 0) - i.initial_stock, 0) as units_short,
    i.reorder_point,
    i.last_restock_date,
    case
        when i.initial_stock <= coalesce(s.units_sold, 0) then 'out_of_stock'
        when i.initial_stock - coalesce(s.units_sold, 0) <= i.reorder_point then 'reorder'
        else 'in_stock'
    end as stock_status,
    round((i.initial_stock - coalesce(s.units_sold, 0)) / nullif(coalesce(s.units_sold, 0) / 366.0, 0), 1) as days_of_cover
from {{ ref('stg_inventory') }} as i
left join sold as s on s.store_id = i.store_id and s.product_id = i.product_id
