-- The schema a source loads into in one warehouse, when its owner chose one (an existing schema,
-- such as another loader's); null: the source's own schema.
alter table destination add column schema_name varchar(127);
