package io.stagedoor.server.tickets;

import java.util.UUID;

/** A ticket just issued or re-linked, with the secret of its link: known only until the e-mail is written. */
public record IssuedTicket(UUID id, String code, String secret, String ticketTypeName) {

    @Override
    public String toString() {
        return "IssuedTicket[id=" + id + ", code=" + code + ", ticketTypeName=" + ticketTypeName + "]";
    }
}
