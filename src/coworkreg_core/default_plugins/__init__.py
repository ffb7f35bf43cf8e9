"""The library's own plugins, registered on every manager after the installed ones.

Each module here implements hooks exactly as a third-party plugin would;
``coworkreg_core.plugins.DEFAULT_PLUGINS`` lists them, and blocking one by its
module name removes it like any other plugin.
"""
