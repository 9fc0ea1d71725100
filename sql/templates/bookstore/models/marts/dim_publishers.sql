-- Publisher dimension: the publisher's own data plus what our catalogue holds of it.
with publishers as (
    select * from {{ ref('stg_publishers') }}
),

catalogue as (
    select
        publisher_id,
        count(*) as books_in_catalog,
        count(distinct genre) as genres_in_catalog,
        round(avg(price), 2) as avg_list_price
    from {{ ref('stg_books') }}
    group by publisher_id
)

select
    p.publisher_id,
    p.publisher_name,
    p.publisher_type,
    p.country,
    p.established_year,
    year(date '{{ var("as_of_date") }}') - p.established_year as years_in_business,
    p.total_titles,
    p.active_status,
    p.is_active,
    coalesce(c.books_in_catalog, 0) as books_in_catalog,
    coalesce(c.genres_in_catalog, 0) as genres_in_catalog,
    c.avg_list_price,
    p.created_at
from publishers p
left join catalogue c on c.publisher_id = p.publisher_id
