{#- The document's indexing strategy (a unique key, then the date and book lookups), on the fact
    table: a rebuild replaces the table and its indexes, so the hooks create them each time. -#}
{{ config(post_hook=[
    "create unique index fact_sales_pk on {{ this }} (transaction_id)",
    "create index fact_sales_sale_date on {{ this }} (sale_date)",
    "create index fact_sales_book_id on {{ this }} (book_id)",
]) }}
-- Sales facts, one row per transaction, denormalised with the book and publisher attributes
-- analysts filter on. A sale of a book missing from the catalogue is kept (its revenue is real)
-- with NULL book attributes; the relationships test on book_id warns about it.
with sales as (
    select * from {{ ref('stg_sales') }}
),

books as (
    select * from {{ ref('dim_books') }}
),

publishers as (
    select publisher_id, publisher_name, publisher_type from {{ ref('dim_publishers') }}
)

select
    s.transaction_id,
    s.book_id,
    b.publisher_id,
    s.sale_date,
    year(s.sale_date) as sale_year,
    month(s.sale_date) as sale_month,
    quarter(s.sale_date) as sale_quarter,
    dayname(s.sale_date) as sale_day_of_week,
    s.quantity,
    s.unit_price,
    b.price as list_price,
    s.discount_percent,
    cast(s.quantity * s.unit_price as decimal(12, 2)) as gross_amount,
    cast(s.quantity * s.unit_price - s.total_amount as decimal(12, 2)) as discount_amount,
    s.total_amount,
    s.is_total_imputed,
    s.sales_channel,
    s.customer_type,
    s.region,
    b.title,
    b.genre,
    b.book_format,
    b.price_category,
    b.length_category,
    p.publisher_name,
    p.publisher_type,
    s.created_at
from sales s
left join books b on b.book_id = s.book_id
left join publishers p on p.publisher_id = b.publisher_id
