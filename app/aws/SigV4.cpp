#include "SigV4.h"

// Implementation in progress (SigV4 signer work).
