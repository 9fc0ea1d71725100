-- Date consistency: no book is sold before the year it was published.
select f.transaction_id, f.sale_date, b.publication_year
from {{ ref('fact_sales') }} f
join {{ ref('dim_books') }} b on b.book_id = f.book_id
where year(f.sale_date) < b.publication_year
