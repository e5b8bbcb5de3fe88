export const PAY_PATH = "/billing/pay";
