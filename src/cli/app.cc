namespace cloud_tasks::cli {}
