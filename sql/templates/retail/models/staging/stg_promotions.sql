select
    promo_id,
    promo_name,
    promo_type,
    discount_percent,
    start_date,
    end_date,
    end_date - start_date + 1 as duration_days
from {{ source('raw', 'promotions') }}
