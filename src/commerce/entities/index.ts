import { OrderInstallment, Refund, SalesOrder } from './order.entity.js';
import { Product } from './product.entity.js';
import { AcquisitionSpend, ConversionCost } from './spend.entity.js';

export const COMMERCE_ENTITIES = [Product, SalesOrder, OrderInstallment, Refund, AcquisitionSpend, ConversionCost];
