-- What Redshift's COPY needs: the bucket the load files go to, its region, and how the cluster
-- reads it (the cluster's IAM role, or access keys); and whether the loader connects with TLS.
alter table warehouse add column s3_bucket varchar(255);
alter table warehouse add column s3_region varchar(40);
alter table warehouse add column iam_role varchar(2048);
alter table warehouse add column aws_access_key_id varchar(128);
-- envelope-encrypted like the password
alter table warehouse add column aws_secret_key_secret bytea;
-- warehouses made before this connected as pgjdbc does by default (TLS if offered): they keep that
alter table warehouse add column ssl boolean;
update warehouse set ssl = false;
alter table warehouse alter column ssl set not null;
alter table warehouse alter column ssl set default true;
