//! Every string the guest, staff and operator read, in English and French.
