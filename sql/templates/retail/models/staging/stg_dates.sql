select
    date_day,
    date_key,
    year,
    quarter,
    month,
    month_name,
    week_of_year,
    day_of_month,
    day_of_week,
    day_name,
    is_weekend,
    is_holiday
from {{ source('raw', 'dates') }}
