-- One row per book: catalogue attributes plus sales and stock behaviour, the inputs of a
-- recommendation or ranking model. Books without sales get zeros, not NULLs.
with books as (
    select * from {{ ref('dim_books') }}
),

sales as (
    select * from {{ ref('fact_sales') }}
),

period as (
    -- The observed sales period, for rates per week.
    select greatest(date_diff('day', min(sale_date), date '{{ var("as_of_date") }}') + 1, 1) as days
    from sales
),

book_sales as (
    select
        book_id,
        count(*) as transaction_count,
        sum(quantity) as units_sold,
        sum(total_amount) as revenue,
        avg(discount_percent) as avg_discount_percent,
        count(*) filter (where sales_channel = 'Online') / count(*) as online_share,
        count(distinct region) as regions_sold_in,
        count(*) filter (where customer_type = 'Individual') / count(*) as individual_share,
        min(sale_date) as first_sale_date,
        max(sale_date) as last_sale_date
    from sales
    group by book_id
),

stock as (
    select
        book_id,
        sum(stock_quantity) as stock_on_hand,
        count(distinct warehouse_location) as warehouses_stocked,
        bool_or(needs_reorder) as any_warehouse_needs_reorder
    from {{ ref('stg_inventory') }}
    group by book_id
),

features as (
    select
        b.book_id,
        b.genre,
        b.book_format,
        b.book_language,
        b.publisher_type,
        b.price,
        b.price_category,
        b.page_count,
        b.length_category,
        b.book_age_years,
        coalesce(s.transaction_count, 0) as transaction_count,
        coalesce(s.units_sold, 0) as units_sold,
        coalesce(s.revenue, 0) as revenue,
        coalesce(s.avg_discount_percent, 0) as avg_discount_percent,
        coalesce(s.online_share, 0) as online_share,
        coalesce(s.individual_share, 0) as individual_share,
        coalesce(s.regions_sold_in, 0) as regions_sold_in,
        s.first_sale_date,
        s.last_sale_date,
        date_diff('day', s.last_sale_date, date '{{ var("as_of_date") }}') as days_since_last_sale,
        -- Sales velocity: units per week over the observed period.
        round(coalesce(s.units_sold, 0) * 7.0 / p.days, 4) as sales_velocity_per_week,
        coalesce(k.stock_on_hand, 0) as stock_on_hand,
        coalesce(k.warehouses_stocked, 0) as warehouses_stocked,
        coalesce(k.any_warehouse_needs_reorder, false) as any_warehouse_needs_reorder
    from books b
    cross join period p
    left join book_sales s on s.book_id = b.book_id
    left join stock k on k.book_id = b.book_id
)

select
    *,
    -- Weeks the stock lasts at the current velocity (NULL when the book does not sell).
    case when sales_velocity_per_week > 0 then round(stock_on_hand / sales_velocity_per_week, 1) end as weeks_of_cover,
    dense_rank() over (partition by genre order by revenue desc) as revenue_rank_in_genre,
    round(units_sold / nullif(sum(units_sold) over (partition by genre), 0), 4) as share_of_genre_units
from features
