-- What Redshift's COPY needs: the bucket the load files go to, its region, and how the cluster
-- reads it (the cluster's IAM role, or access keys); and whether the loader connects with TLS.
alter table warehouse add column s3_bucket varchar(255);
alter table warehouse add column s3_region varchar(40);
alter table warehouse add column iam_role varchar(2048);
alter table warehouse add column aws_access_key_id varchar(128);
-- envelope-encrypted like the password
alter table warehouse add column aws_secret_key_secret bytea;
alter table warehouse add column ssl boolean not null default true;
