select
    product_id,
    product_name,
    category,
    sub_category,
    price,
    cost,
    unit_margin,
    round(unit_margin / price * 100, 1) as margin_percent,
    case
        when price < 10 then 'budget'
        when price < 50 then 'mid'
        when price < 150 then 'premium'
        else 'luxury'
    end as price_band
from {{ ref('stg_products') }}
