-- warehouse.dim_payment_method: the accepted payment methods (reference seed) and 'unknown'.
select
    payment_method_sk,
    payment_method,
    display_name,
    method_type,
    is_card,
    processing_fee_percent
from {{ ref('payment_methods') }}
