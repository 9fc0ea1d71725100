-- Inventory is the opening stock reduced by the units sold at that store (floored at zero), and
-- the generated figures agree with the ones recomputed from the transactions.
select g.store_id, g.product_id, g.units_sold, f.units_sold as recomputed_units_sold, g.stock_quantity, f.stock_quantity as recomputed_stock
from {{ ref('stg_inventory') }} as g
inner join {{ ref('fct_inventory') }} as f on f.inventory_id = g.inventory_id
where g.units_sold <> f.units_sold
   or g.stock_quantity <> f.stock_quantity
   or g.stock_quantity <> greatest(g.initial_stock - g.units_sold, 0)
