with source as (
    select * from {{ ref('raw_payments') }}
),

renamed as (
    select
        id as payment_id,
        order_id,
        payment_method,
        -- amount is stored in cents, convert it to dollars
        {{ cents_to_dollars('amount') }} as amount
    from source
)

select * from renamed
