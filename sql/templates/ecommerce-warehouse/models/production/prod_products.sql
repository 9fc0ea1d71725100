{{ config(alias='products') }}
-- production.products: one row per product. Rules of the pipeline document: fix invalid prices,
-- ensure cost < price, fill missing supplier_id.
with ranked as (
    select
        *,
        row_number() over (partition by product_id order by updated_at desc, loaded_at desc) as copy_number
    from {{ ref('stg_products') }}
    where product_id is not null
),

priced as (
    select
        *,
        -- A missing or non-positive price is rebuilt from the cost with the default markup.
        case
            when price > 0 then price
            else round(cost * {{ var('default_markup') }}, 2)
        end as fixed_price
    from ranked
    where copy_number = 1
),

costed as (
    select
        *,
        -- A cost at or above the price is the broken value (the price is what customers paid).
        case
            when cost > 0 and cost < fixed_price then cost
            else round(fixed_price * {{ var('default_cost_ratio') }}, 2)
        end as fixed_cost
    from priced
)

select
    row_number() over (order by product_id) as product_key,
    product_id,
    trim(product_name) as product_name,
    category,
    brand,
    coalesce(supplier_id, 'UNKNOWN') as supplier_id,
    cast(fixed_price as decimal(18, 2)) as price,
    cast(fixed_cost as decimal(18, 2)) as cost,
    cast(fixed_price - fixed_cost as decimal(18, 2)) as unit_margin,
    round((fixed_price - fixed_cost) / fixed_price * 100, 1) as margin_percent,
    not (price > 0) or price is null as is_price_corrected,
    fixed_cost <> cost as is_cost_corrected,
    true as is_active,
    cast(created_at as timestamp) as created_at,
    updated_at
from costed
