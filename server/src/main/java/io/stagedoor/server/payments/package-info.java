/** Payment providers behind one interface: free orders, a simulated card for demos, and Stripe Checkout. */
@NullMarked
package io.stagedoor.server.payments;

import org.jspecify.annotations.NullMarked;
