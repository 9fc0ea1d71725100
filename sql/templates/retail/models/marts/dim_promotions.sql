select
    promo_id,
    promo_name,
    promo_type,
    discount_percent,
    start_date,
    end_date,
    duration_days
from {{ ref('stg_promotions') }}
