-- Business rule: a sale's total is quantity × unit price less the discount, to the cent.
select transaction_id, quantity, unit_price, discount_percent, total_amount
from {{ ref('fact_sales') }}
where abs(total_amount - round(quantity * unit_price * (1 - discount_percent / 100), 2)) > 0.01
