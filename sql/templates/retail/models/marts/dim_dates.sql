select * from {{ ref('stg_dates') }}
