{#- Whole rows, so that the sample failing rows show which record lacks the value. -#}
{% test not_null(model, column_name) %}
select *
from {{ model }}
where {{ column_name }} is null
{% endtest %}
