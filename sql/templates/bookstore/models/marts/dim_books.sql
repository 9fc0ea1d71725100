-- Book dimension: the catalogue with its publisher and the documented price and length bands.
with books as (
    select * from {{ ref('stg_books') }}
),

publishers as (
    select publisher_id, publisher_name, publisher_type from {{ ref('stg_publishers') }}
)

select
    b.book_id,
    b.isbn,
    b.title,
    b.author,
    b.publisher_id,
    p.publisher_name,
    p.publisher_type,
    b.genre,
    b.publication_year,
    year(date '{{ var("as_of_date") }}') - b.publication_year as book_age_years,
    b.page_count,
    b.price,
    b.book_format,
    b.book_language,
    -- Price categorization (as documented)
    case
        when b.price < 15 then 'Budget'
        when b.price < 30 then 'Standard'
        when b.price < 50 then 'Premium'
        else 'Luxury'
    end as price_category,
    -- Length categorization (as documented)
    case
        when b.page_count < 150 then 'Short'
        when b.page_count < 300 then 'Medium'
        when b.page_count < 500 then 'Long'
        else 'Very Long'
    end as length_category,
    b.is_valid_isbn,
    b.created_at
from books b
left join publishers p on p.publisher_id = b.publisher_id
