

export const profileSelect = {
  contactName: true, email: true, phone: true, skype: true, companyName: true, address: true, vatNumber: true,
} as const;
