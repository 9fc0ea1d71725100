select
    store_id,
    store_name,
    address,
    city,
    state,
    region,
    store_type,
    opened_date,
    date_diff('year', opened_date, date '2024-12-31') as years_open
from {{ ref('stg_stores') }}
