"""Planning what each account publishes and when: mass-send quota, posting rhythm, publishing times."""
