"""After a build: change report, delivery (mail, webhooks, command), bundle, status.

Sits above the build layer: the CLI hands ``hook.Publisher`` to ``run_build``, which calls
it under the build lock. Nothing here can fail a build or touch its outputs.
"""
