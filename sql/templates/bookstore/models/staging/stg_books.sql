-- One row per book. The ISBN is normalised to its 13 digits; a value that is not a well-formed
-- ISBN-13 (the generator malforms a few on purpose) keeps NULL there and is flagged.
with source as (
    select * from {{ source('raw', 'books') }}
),

cleaned as (
    select
        trim(book_id) as book_id,
        isbn as isbn_raw,
        regexp_full_match(isbn, '97[89][0-9-]{10,14}') and length(replace(isbn, '-', '')) = 13 as is_valid_isbn,
        trim(title) as title,
        trim(author) as author,
        trim(publisher_id) as publisher_id,
        coalesce(genre, 'Unknown') as genre,
        cast(publication_year as integer) as publication_year,
        cast(page_count as integer) as page_count,
        cast(price as decimal(10, 2)) as price,
        coalesce(format, 'Unknown') as book_format,
        coalesce(language, 'Unknown') as book_language,
        cast(created_at as timestamp) as created_at
    from source
    where book_id is not null
)

select
    book_id,
    case when is_valid_isbn then replace(isbn_raw, '-', '') end as isbn,
    isbn_raw,
    is_valid_isbn,
    title,
    author,
    publisher_id,
    genre,
    publication_year,
    page_count,
    price,
    book_format,
    book_language,
    created_at
from cleaned
