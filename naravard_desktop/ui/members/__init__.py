"""Members page: table model, edit dialog, undoable commands."""
