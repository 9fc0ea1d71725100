-- Active products only (inactive ones are filtered out, with their interactions), names trimmed,
-- categories lower-cased, a missing price imputed with its category's median, the attributes
-- JSON unpacked.
with products as (
    select * from {{ source('raw', 'products') }}
    where product_id is not null and is_active
),

category_medians as (
    select category, median(price) as median_price from products group by category
)

select
    lower(trim(p.product_id)) as product_id,
    trim(p.name) as name,
    lower(trim(p.category)) as category,
    lower(trim(p.subcategory)) as subcategory,
    trim(p.brand) as brand,
    cast(coalesce(p.price, m.median_price) as decimal(10, 2)) as price,
    p.price is null as is_price_imputed,
    trim(p.description) as description,
    p.attributes,
    p.attributes ->> 'color' as color,
    cast(p.attributes ->> 'wireless' as boolean) as is_wireless,
    cast(p.attributes ->> 'weight_kg' as double) as weight_kg,
    p.avg_rating as catalog_avg_rating,
    p.num_reviews,
    p.created_at
from products p
left join category_medians m on m.category = p.category
