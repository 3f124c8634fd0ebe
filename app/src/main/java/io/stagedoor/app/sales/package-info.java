/** The organiser's view of an event's sales: the dashboard and the attendees. */
@NullMarked
package io.stagedoor.app.sales;

import org.jspecify.annotations.NullMarked;
