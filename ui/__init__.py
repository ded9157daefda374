"""The Qt layer of handover: widgets over the core services (handover/)."""
