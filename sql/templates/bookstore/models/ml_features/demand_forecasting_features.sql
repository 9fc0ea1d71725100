-- Monthly demand per book on a complete book × month grid (months without sales are zeros, as a
-- forecaster needs). Lags, rolling means and trends look only backwards; next_month_units is the
-- label to predict.
with sales as (
    select book_id, date_trunc('month', sale_date) as month_start, quantity, total_amount
    from {{ ref('fact_sales') }}
    where book_id in (select book_id from {{ ref('dim_books') }})
),

months as (
    select cast(range as date) as month_start
    from range(
        (select min(month_start) from sales),
        (select max(month_start) from sales) + interval 1 month,
        interval 1 month
    )
),

grid as (
    select b.book_id, b.genre, b.price, b.price_category, m.month_start
    from {{ ref('dim_books') }} b
    cross join months m
),

monthly as (
    select
        g.book_id,
        g.genre,
        g.price,
        g.price_category,
        g.month_start,
        coalesce(sum(s.quantity), 0) as units_sold,
        coalesce(sum(s.total_amount), 0) as revenue,
        count(s.book_id) as transactions
    from grid g
    left join sales s on s.book_id = g.book_id and s.month_start = g.month_start
    group by all
),

windowed as (
    select
        *,
        lag(units_sold, 1) over w as lag_1m_units,
        lag(units_sold, 2) over w as lag_2m_units,
        lag(units_sold, 3) over w as lag_3m_units,
        avg(units_sold) over (w rows between 3 preceding and 1 preceding) as rolling_3m_avg_units,
        sum(units_sold) over (w rows between unbounded preceding and 1 preceding) as cumulative_units_before,
        lead(units_sold, 1) over w as next_month_units
    from monthly
    window w as (partition by book_id order by month_start)
)

select
    book_id,
    month_start,
    year(month_start) as year,
    month(month_start) as month_of_year,
    quarter(month_start) as quarter,
    month(month_start) in (11, 12) as is_holiday_season,
    genre,
    price,
    price_category,
    units_sold,
    revenue,
    transactions,
    -- Sales velocity: units per day in the month.
    round(units_sold / day(last_day(month_start)), 4) as sales_velocity_per_day,
    lag_1m_units,
    lag_2m_units,
    lag_3m_units,
    round(rolling_3m_avg_units, 4) as rolling_3m_avg_units,
    -- Trend: last month against the mean of the last three months.
    round(lag_1m_units - rolling_3m_avg_units, 4) as trend_vs_3m_avg,
    coalesce(cumulative_units_before, 0) as cumulative_units_before,
    next_month_units
from windowed
