-- The post-hook's Parquet export holds every row of the training dataset, each in the
-- year=/month=/day= folder of its own event time.
with exported as (
    select count(*) as n,
           count(*) filter (where strftime(event_ts, '%Y%m%d') <> lpad(year::varchar, 4, '0') || lpad(month::varchar, 2, '0') || lpad(day::varchar, 2, '0')) as misplaced
    from read_parquet('{{ lake_path("training_dataset") }}/*/*/*/*.parquet', hive_partitioning = true)
)

select e.n as exported_rows, (select count(*) from {{ ref('training_dataset') }}) as dataset_rows, e.misplaced
from exported e
where e.n <> (select count(*) from {{ ref('training_dataset') }}) or e.misplaced > 0
