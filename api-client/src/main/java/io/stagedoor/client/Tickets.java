package io.stagedoor.client;

import io.stagedoor.api.tickets.TicketView;

/** Tickets, as their holders see them. */
public final class Tickets {

    private final Transport transport;

    Tickets(Transport transport) {
        this.transport = transport;
    }

    /** {@code GET /api/v1/tickets/{secret}}: the ticket behind a link's secret. */
    public TicketView view(String secret) {
        return transport.call("GET", "tickets", secret).send(TicketView.class);
    }
}
