"""`notes deploy`: upload a published site to S3-compatible object storage.

- target.py: `s3://BUCKET[/PREFIX]`;
- plan.py: what to upload, in which order, and what to delete (pure);
- headers.py: Content-Type and Cache-Control for each file;
- s3.py: the bucket, through boto3;
- invalidate.py: the CloudFront invalidation;
- errors.py: botocore's errors as one clear line;
- report.py: the progress bar or log lines, the plan and the summary;
- run.py: one deploy, from the manifest check to the invalidation.
"""
