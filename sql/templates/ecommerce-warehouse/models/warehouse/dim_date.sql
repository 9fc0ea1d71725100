-- warehouse.dim_date: one row per calendar day of the extract's window.
with days as (
    select cast(d as date) as date_day
    from generate_series(
        date '{{ var("valid_from_date") }}',
        date '{{ var("valid_to_date") }}',
        interval 1 day
    ) as t(d)
)

select
    cast(strftime(date_day, '%Y%m%d') as integer) as date_sk,
    date_day,
    year(date_day) as year,
    quarter(date_day) as quarter,
    month(date_day) as month,
    monthname(date_day) as month_name,
    strftime(date_day, '%Y-%m') as year_month,
    weekofyear(date_day) as week_of_year,
    day(date_day) as day_of_month,
    isodow(date_day) as day_of_week,
    dayname(date_day) as day_name,
    isodow(date_day) >= 6 as is_weekend,
    date_day = last_day(date_day) as is_month_end
from days
