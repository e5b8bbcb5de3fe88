import { z } from "zod";

export const keyArg = z.string().trim().regex(/^[A-Za-z0-9]{4,32}$/, "must be the subaccount's API key (see `subaccounts list`)");
