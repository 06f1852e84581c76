/**
 * @module
 * The desk manages customers: create (without a password, the customer's first access goes
 * through the forgotten-password flow), list, read, update, deactivate (every session ends), reactivate.
 */
import { Hono } from 'hono';
import { DESK_ROUTES } from '../../../contract/desk-routes.ts';
import {
  deskCustomerCreateBody,
  deskCustomerListQuery,
  deskCustomerPatchBody,
} from '../../../contract/desk-schemas.ts';
import { eraseCustomer, exportCustomer } from '../../domain/customer-data.ts';
import {
  createDeskCustomer,
  deactivateDeskCustomer,
  reactivateDeskCustomer,
  getDeskCustomer,
  listDeskCustomers,
  toDeskCustomer,
  updateDeskCustomer,
} from '../../domain/desk-customers.ts';
import { requireDeskKey, type DeskEnv } from '../../middleware/desk-auth.ts';
import { validate } from '../../middleware/validate.ts';

export const deskCustomerRoutes = new Hono<DeskEnv>()
  .get(DESK_ROUTES.customerExport, requireDeskKey, async (c) => {
    const { db } = c.var.ports;
    const { storageKeys: _keys, ...data } = await exportCustomer(
      db,
      await getDeskCustomer(db, c.req.param('id')),
    );
    return c.json(data);
  })
  .post(DESK_ROUTES.customerErase, requireDeskKey, async (c) => {
    const { db, store, clock } = c.var.ports;
    const customer = await getDeskCustomer(db, c.req.param('id'));
    return c.json(await eraseCustomer(db, store, customer, clock.now()));
  })
  .get(DESK_ROUTES.customers, requireDeskKey, validate('query', deskCustomerListQuery), async (c) =>
    c.json(await listDeskCustomers(c.var.ports.db, c.req.valid('query'))),
  )
  .post(
    DESK_ROUTES.customers,
    requireDeskKey,
    validate('json', deskCustomerCreateBody),
    async (c) => {
      const { db, config, clock } = c.var.ports;
      const row = await createDeskCustomer(
        db,
        c.req.valid('json'),
        config.PBKDF2_ITERATIONS,
        clock.now(),
      );
      return c.json(toDeskCustomer(row), 201);
    },
  )
  .get(DESK_ROUTES.customer, requireDeskKey, async (c) =>
    c.json(toDeskCustomer(await getDeskCustomer(c.var.ports.db, c.req.param('id')))),
  )
  .patch(
    DESK_ROUTES.customer,
    requireDeskKey,
    validate('json', deskCustomerPatchBody),
    async (c) => {
      const { db, clock } = c.var.ports;
      const row = await updateDeskCustomer(db, c.req.param('id'), c.req.valid('json'), clock.now());
      return c.json(toDeskCustomer(row));
    },
  )
  .post(DESK_ROUTES.deactivate, requireDeskKey, async (c) => {
    const { db, clock } = c.var.ports;
    return c.json(toDeskCustomer(await deactivateDeskCustomer(db, c.req.param('id'), clock.now())));
  })
  .post(DESK_ROUTES.reactivate, requireDeskKey, async (c) => {
    const { db, clock } = c.var.ports;
    return c.json(toDeskCustomer(await reactivateDeskCustomer(db, c.req.param('id'), clock.now())));
  });
